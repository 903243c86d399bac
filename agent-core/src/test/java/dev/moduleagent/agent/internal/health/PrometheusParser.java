package dev.moduleagent.agent.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Parses Prometheus text with a parser nobody here wrote: the Python client's (Debian's python3-prometheus-client),
 * or {@code promtool check metrics}. The test is skipped, with the reason, where neither is installed.
 */
final class PrometheusParser {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PARSE = "import sys\n"
            + "from prometheus_client.parser import text_string_to_metric_families\n"
            + "families = list(text_string_to_metric_families(sys.stdin.read()))\n"
            + "print(len(families))\n";

    private PrometheusParser() {
    }

    static void assertParses(String text) {
        boolean python = Files.isExecutable(PYTHON) && run(new ProcessBuilder(PYTHON.toString(), "-c",
                "import prometheus_client.parser"), "") == 0;
        assumeTrue(python, "no Prometheus text parser here (apt-get install python3-prometheus-client)");
        assertEquals(0, run(new ProcessBuilder(PYTHON.toString(), "-c", PARSE), text),
                "the Python client's parser refused the text");
    }

    private static int run(ProcessBuilder builder, String input) {
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
