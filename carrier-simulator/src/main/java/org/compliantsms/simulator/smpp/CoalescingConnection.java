package org.compliantsms.simulator.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

import org.jboss.logging.Logger;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;

/** jSMPP's socket connection (buffered reads) with writes through a {@link CoalescingOutputStream}. */
final class CoalescingConnection implements Connection {
    private static final Logger LOG = Logger.getLogger(CoalescingConnection.class);

    private final SocketConnection socket;
    private final CoalescingOutputStream out;

    CoalescingConnection(Socket socket) throws IOException {
        // Responses are batched here, so Nagle's algorithm would only add delay.
        socket.setTcpNoDelay(true);
        this.socket = new SocketConnection(socket);
        this.out = new CoalescingOutputStream(socket.getOutputStream());
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InputStream getInputStream() {
        return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws IOException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debugf("pending PDUs not written before closing: %s", e.toString());
        } finally {
            socket.close();
        }
    }
}
