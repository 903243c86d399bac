package dev.moduleagent.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Not a test: prints how long {@code key} + {@code csr} take in-process (through the CLI classes) for P-256 and
 * RSA-2048. Run after {@code mvn -pl cert-tools package}:
 * {@code java -cp "cert-tools/target/test-classes:cert-tools/target/classes:cert-tools/target/lib/*"
 * dev.moduleagent.certs.cli.KeyCsrBenchmark [rounds]}
 */
public final class KeyCsrBenchmark {

    private static final int WARM_UP = 5;

    private KeyCsrBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("keycsr-bench");
        try {
            System.out.printf("rounds=%d (after %d warm-up rounds, first = very first call in this JVM)%n", rounds, WARM_UP);
            for (String algorithm : new String[] {"ec-p256", "rsa-2048"}) {
                measure(algorithm, rounds, dir);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(String algorithm, int rounds, Path dir) {
        long first = pair(algorithm, dir, -1)[2];
        for (int i = 0; i < WARM_UP; i++) {
            pair(algorithm, dir, i);
        }
        long[] key = new long[rounds];
        long[] csr = new long[rounds];
        long[] total = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long[] times = pair(algorithm, dir, WARM_UP + i);
            key[i] = times[0];
            csr[i] = times[1];
            total[i] = times[2];
        }
        System.out.printf("%-8s first key+csr %7.1f ms | key median %6.1f ms | csr median %5.1f ms | key+csr median %6.1f "
                + "ms, min %6.1f, max %6.1f%n", algorithm, ms(first), ms(median(key)), ms(median(csr)), ms(median(total)),
                ms(Arrays.stream(total).min().orElse(0)), ms(Arrays.stream(total).max().orElse(0)));
    }

    private static long[] pair(String algorithm, Path dir, int round) {
        String base = dir.resolve(algorithm + "-" + (round + 1)).toString();
        long start = System.nanoTime();
        run("key", "--out", base + ".key.pem", "--algorithm", algorithm);
        long keyDone = System.nanoTime();
        run("csr", "--key", base + ".key.pem", "--device", "device01", "--module", "module01", "--out", base + ".csr");
        long end = System.nanoTime();
        return new long[] {keyDone - start, end - keyDone, end - start};
    }

    private static void run(String... args) {
        CommandLine commandLine = CertTools.newCommandLine(Map.of());
        StringWriter sink = new StringWriter();
        commandLine.setOut(new PrintWriter(sink));
        commandLine.setErr(new PrintWriter(sink));
        if (commandLine.execute(args) != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + sink);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
