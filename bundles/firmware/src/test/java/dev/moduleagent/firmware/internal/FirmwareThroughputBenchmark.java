package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures firmware throughput: a 100 MB image through download (loopback HTTP, and a file URL), SHA-256
 * verification and staging into a slot, as one apply. Prints MB/s per run; asserts nothing.
 *
 * <p>{@code mvn -B -q -f bundles/firmware/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.moduleagent.firmware.internal.FirmwareThroughputBenchmark}
 */
public final class FirmwareThroughputBenchmark {

    private static final int SIZE = 100_000_000;
    private static final int RUNS = 5;

    private FirmwareThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        byte[] image = ImageServer.randomImage(SIZE, 42);
        String sha256 = ImageServer.sha256(image);
        Path work = Files.createTempDirectory("firmware-benchmark");
        try (ImageServer server = new ImageServer()) {
            URI http = server.serve("/image.bin", image, ImageServer.Behaviour.NORMAL);
            Path file = Files.write(work.resolve("image.bin"), image);
            FirmwareFixture fixture = new FirmwareFixture(work.resolve("root"));
            FirmwareUpdater updater = fixture.updater();
            int version = 0;
            double[] httpRates = new double[RUNS];
            double[] fileRates = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                httpRates[run] = measure("http", updater, ++version, http, sha256);
                fileRates[run] = measure("file", updater, ++version, file.toUri(), sha256);
            }
            System.out.printf(Locale.ROOT, "median of %d runs: http %.1f MB/s, file %.1f MB/s%n", RUNS,
                    median(httpRates), median(fileRates));
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double median(double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double measure(String kind, FirmwareUpdater updater, int version, URI url, String sha256)
            throws Exception {
        DesiredSection section = new DesiredSection("firmware", version,
                FirmwareFixture.section("bench-" + version, url, sha256, SIZE));
        long start = System.nanoTime();
        Outcome outcome = updater.apply(section, new FakeApplyContext());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d MB in %.2f s = %.1f MB/s (%s)%n", kind, SIZE / 1_000_000, seconds,
                SIZE / 1e6 / seconds, outcome.description());
        return SIZE / 1e6 / seconds;
    }
}
