package dev.moduleagent.certs.cli;

import dev.moduleagent.cli.ErrorReporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-tools inspect}: what a certificate, chain, CSR, key or PKCS#12 file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a certificate, chain, CSR, key or PKCS#12 file holds.",
                "Subject, issuer, serial, validity, key type and size, EKU, SHA-1/SHA-256 thumbprints,",
                "whether the CN is a valid <device>/<module> identity, and the chain order.",
                "Reads PEM (certificates, CSRs, keys), DER and PKCS#12 (.p12/.pfx, needs its passphrase)."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to inspect.")
    private Path file;

    @Option(names = "--json", description = "Print JSON (for scripts).")
    private boolean json;

    @Mixin
    private KeyPassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report = new InspectionReader(file, passphrase.read(), Instant.now()).read();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonText.render(report));
        } else {
            printText(out, report);
        }
        return ErrorReporter.OK;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> report) {
        out.println(report.get("file") + " (" + report.get("format") + ")");
        List<Map<String, Object>> items = (List<Map<String, Object>>) report.get("items");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            out.println("[" + (i + 1) + "] " + item.get("type"));
            item.forEach((name, value) -> {
                if (!"type".equals(name) && value != null) {
                    out.printf("    %-18s %s%n", name + ":", value instanceof List<?> list ? joined(list) : value);
                }
            });
        }
        Map<String, Object> chain = (Map<String, Object>) report.get("chain");
        if (chain != null) {
            List<?> problems = (List<?>) chain.get("problems");
            out.println("chain: " + chain.get("length") + " certificates, "
                    + (problems.isEmpty() ? "leaf first, each issued by the next" : "NOT in order: " + joined(problems))
                    + (Boolean.TRUE.equals(chain.get("endsWithRoot")) ? ", ends with a self-signed root" : ", no root"));
        }
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
