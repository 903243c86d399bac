package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code local-hub ca upload}: uploads a CA certificate and prints its verification code. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload a CA certificate (PEM) and print the verification code for the proof of possession.")
final class CaUploadCommand extends ServiceCall {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for the CA in the hub.")
    private String name;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The CA certificate (PEM).")
    private Path certificate;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        if (!Files.isRegularFile(certificate) || Files.size(certificate) > 64 * 1024) {
            throw new ParameterException(commandLine(), "--cert " + certificate + " is not a certificate file");
        }
        JsonObject answer = client.uploadCa(name, Files.readString(certificate));
        String code = answer.getAsJsonObject("properties").get("verificationCode").getAsString();
        out.println("uploaded CA " + name + " (not verified yet)");
        out.println("verification code: " + code);
        out.println("next: cert-tools ca verification-cert --ca <ca-dir> --code " + code + " --out verification.pem");
        out.println("      local-hub ca verify --name " + name + " --cert verification.pem");
        return 0;
    }
}
