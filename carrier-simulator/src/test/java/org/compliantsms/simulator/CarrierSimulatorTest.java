package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.compliantsms.events.text.GsmAlphabet;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The simulator as dispatch sees it: a real SMPP client binds, submits and receives replies. */
@QuarkusTest
class CarrierSimulatorTest {
    static final int PORT = 12775;
    SMPPSession client;

    @BeforeEach
    void clear() {
        given().delete("/admin/messages").then().statusCode(204);
    }

    @AfterEach
    void unbind() {
        if (client != null) {
            client.unbindAndClose();
        }
    }

    SMPPSession bind(String password) throws IOException {
        SMPPSession session = new SMPPSession();
        session.connectAndBind("localhost", PORT, new BindParameter(BindType.BIND_TRX, "dispatch", password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return session;
    }

    @Test
    void acceptsSubmissionsAndListsThemDecoded() throws Exception {
        client = bind("secret");
        String gsmId = submit("+33612345678", "Hello {world} 5€", Alphabet.ALPHA_DEFAULT,
                GsmAlphabet.encode("Hello {world} 5€"));
        String ucsId = submit("+33612345678", "Привет", Alphabet.ALPHA_UCS2,
                "Привет".getBytes(StandardCharsets.UTF_16BE));

        given().queryParam("to", "+33612345678").get("/admin/messages").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].carrierMessageId", equalTo(gsmId))
                .body("[0].text", equalTo("Hello {world} 5€"))
                .body("[0].to", equalTo("+33612345678"))
                .body("[1].carrierMessageId", equalTo(ucsId))
                .body("[1].text", equalTo("Привет"));
        given().queryParam("to", "+33612345678").get("/admin/messages/count").then().body("count", equalTo(2));
        given().queryParam("to", "+33699999999").get("/admin/messages/count").then().body("count", equalTo(0));
    }

    @Test
    void refusesABindWithTheWrongPassword() {
        assertThrows(IOException.class, () -> bind("wrong"));
    }

    @Test
    void injectedRepliesReachTheBoundSessionAsDeliverSm() throws Exception {
        client = bind("secret");
        CompletableFuture<DeliverSm> received = new CompletableFuture<>();
        client.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                received.complete(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });

        given().contentType(ContentType.JSON)
                .body("{\"from\":\"+33612345678\",\"to\":\"36180\",\"text\":\"Arrêt\"}")
                .post("/admin/inbound").then().statusCode(202);

        DeliverSm mo = received.get(10, TimeUnit.SECONDS);
        assertEquals("33612345678", mo.getSourceAddr());
        assertEquals("36180", mo.getDestAddress());
        assertEquals("Arrêt", new String(mo.getShortMessage(), StandardCharsets.UTF_16BE));
    }

    @Test
    void aReplyWithNoBoundSessionIsRefusedNotLost() {
        given().contentType(ContentType.JSON)
                .body("{\"from\":\"+33612345678\",\"to\":\"36180\",\"text\":\"STOP\"}")
                .post("/admin/inbound").then().statusCode(503);
        given().contentType(ContentType.JSON).body("{\"from\":\"+33612345678\"}")
                .post("/admin/inbound").then().statusCode(400);
    }

    private String submit(String to, String text, Alphabet alphabet, byte[] bytes) throws Exception {
        return client.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ACME",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.substring(1), new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(alphabet), (byte) 0,
                bytes).getMessageId();
    }
}
