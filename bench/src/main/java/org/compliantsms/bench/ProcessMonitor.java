package org.compliantsms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the system's processes, from /proc: utime+stime of /proc/&lt;pid&gt;/stat (in
 * clock ticks) at two instants, and VmRSS of /proc/&lt;pid&gt;/status sampled every 500 ms for its peak.
 */
public final class ProcessMonitor implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 500;

    private final List<WatchedProcess> processes;
    private final long ticksPerSecond;
    private final Map<Long, Long> peakRssKb = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    public ProcessMonitor(List<WatchedProcess> processes) {
        this.processes = List.copyOf(processes);
        this.ticksPerSecond = clockTicksPerSecond();
        this.sampler = new Thread(this::sampleUntilClosed, "bench-rss");
        sampler.setDaemon(true);
    }

    /** The processes of a system started by ./dev up: .run/*.pid, Kafka and Redis, and the bench itself. */
    public static List<WatchedProcess> discover(Path root) {
        List<WatchedProcess> found = new ArrayList<>();
        Path run = root.resolve(".run");
        try (Stream<Path> pidFiles = Files.list(run)) {
            pidFiles.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length())).sorted()
                    .forEach(name -> readPid(run.resolve(name + ".pid")).filter(ProcessMonitor::alive)
                            .ifPresent(pid -> found.add(new WatchedProcess(name,
                                    name.startsWith("carrier-simulator") ? "simulator" : WatchedProcess.SERVICE,
                                    pid))));
        } catch (IOException e) {
            Log.info("no .run/ pid files under %s: is the system up (./dev up)?", root);
        }
        readPid(root.resolve(".platform/kafka.pid")).filter(ProcessMonitor::alive)
                .or(() -> findProcess("cmdline", cmdline -> cmdline.contains("kafka.Kafka")))
                .ifPresent(pid -> found.add(new WatchedProcess("kafka", "kafka", pid)));
        readPid(root.resolve(".platform/redis.pid")).filter(ProcessMonitor::alive)
                .or(() -> findProcess("comm", comm -> comm.strip().equals("redis-server")))
                .ifPresent(pid -> found.add(new WatchedProcess("redis", "redis", pid)));
        found.add(new WatchedProcess("bench (load generator)", "bench", ProcessHandle.current().pid()));
        return found;
    }

    public List<WatchedProcess> processes() {
        return processes;
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    public void start() {
        sampler.start();
    }

    /** CPU ticks (user + system) of each process now; a process that is gone is left out. */
    public Map<Long, Long> cpuTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        for (WatchedProcess process : processes) {
            cpuTicksOf(process.pid()).ifPresent(t -> ticks.put(process.pid(), t));
        }
        return ticks;
    }

    public Optional<Long> peakRssKb(long pid) {
        return Optional.ofNullable(peakRssKb.get(pid));
    }

    static Optional<Long> cpuTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after "(comm)": state is field 3, utime field 14, stime field 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> rssKbOf(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void sampleUntilClosed() {
        while (running) {
            for (WatchedProcess process : processes) {
                rssKbOf(process.pid()).ifPresent(kb -> peakRssKb.merge(process.pid(), kb, Math::max));
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** CLK_TCK as getconf tells it; 100 on every Linux seen, the fallback. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The oldest process whose /proc/&lt;pid&gt;/&lt;file&gt; matches: "comm" is the process name ({@code pgrep -x}),
     * "cmdline" the whole command line (ProcessHandle cuts it at 4 KB, before Kafka's main class).
     */
    private static Optional<Long> findProcess(String file, java.util.function.Predicate<String> match) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> {
                    try {
                        return match.test(Files.readString(Path.of("/proc", Long.toString(pid), file)));
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                })
                .min(Comparator.naturalOrder());
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
