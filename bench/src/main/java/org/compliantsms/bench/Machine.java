package org.compliantsms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The machine the figures come from (they mean little without it). */
public record Machine(int cores, String cpuModel, long memoryMiB, String java, String kernel, String loadAverage) {

    public static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMiB(), readJavaVersion(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), readLoadAverage());
    }

    private static String readCpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long readMemoryMiB() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The first lines of {@code java -version} of the java on the PATH (the one ./dev starts the services with). */
    private static String readJavaVersion() {
        try {
            Process java = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
            List<String> lines = new String(java.getInputStream().readAllBytes()).lines().limit(2).toList();
            java.waitFor();
            return String.join("; ", lines);
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }

    /** 1, 5 and 15 minute load averages: other work on a shared machine shows here. */
    public static String readLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
