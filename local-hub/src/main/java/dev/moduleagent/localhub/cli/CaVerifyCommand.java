package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.cli.ErrorReporter;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code local-hub ca verify}: proves possession of an uploaded CA's key. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify an uploaded CA with a certificate whose CN is the verification code, signed by the CA.")
final class CaVerifyCommand extends ServiceCall {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The CA's name in the hub.")
    private String name;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The verification certificate (PEM).")
    private Path certificate;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        if (!Files.isRegularFile(certificate) || Files.size(certificate) > 64 * 1024) {
            throw new ParameterException(commandLine(), "--cert " + certificate + " is not a certificate file");
        }
        JsonObject answer = client.verifyCa(name, Files.readString(certificate));
        boolean verified = answer.getAsJsonObject("properties").get("isVerified").getAsBoolean();
        out.println((verified ? "verified CA " : "CA not verified: ") + name);
        return verified ? 0 : ErrorReporter.FAILURE;
    }
}
