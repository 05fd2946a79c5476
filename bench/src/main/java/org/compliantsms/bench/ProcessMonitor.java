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

    /** The processes of a system started by ./dev up: .run/*.pid, Kafka, Redis, PostgreSQL and the bench itself. */
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
        // The oldest "postgres" is the postmaster; its backends are its children (WatchedProcess.POSTGRESQL).
        findProcess("comm", comm -> comm.strip().equals("postgres"))
                .ifPresent(pid -> found.add(new WatchedProcess("postgresql", WatchedProcess.POSTGRESQL, pid)));
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
            (process.isPostgresql() ? treeTicksOf(process.pid()) : cpuTicksOf(process.pid()))
                    .ifPresent(t -> ticks.put(process.pid(), t));
        }
        return ticks;
    }

    public Optional<Long> peakRssKb(long pid) {
        return Optional.ofNullable(peakRssKb.get(pid));
    }

    /** utime + stime (fields 14 and 15 of /proc/&lt;pid&gt;/stat, counted after "(comm)"). */
    static Optional<Long> cpuTicksOf(long pid) {
        return statTicks(pid).map(t -> t[0] + t[1]);
    }

    /**
     * The postmaster's own ticks, those of its children that have exited (cutime + cstime: the backends of closed
     * connections) and those of its live children: PostgreSQL's whole CPU, whichever backends came and went.
     */
    static Optional<Long> treeTicksOf(long pid) {
        Optional<long[]> own = statTicks(pid);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        long total = own.get()[0] + own.get()[1] + own.get()[2] + own.get()[3];
        total += ProcessHandle.of(pid).map(p -> p.children().mapToLong(c -> cpuTicksOf(c.pid()).orElse(0L)).sum())
                .orElse(0L);
        return Optional.of(total);
    }

    /** utime, stime, cutime, cstime. */
    private static Optional<long[]> statTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14]) });
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
