package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code local-hub policies show --name N}: prints that policy's connection string (a secret, asked for explicitly). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the connection string of one policy (it holds the policy's key: keep it private).")
final class PoliciesShowCommand extends ServiceCall {

    @Option(names = "--name", required = true, paramLabel = "POLICY", description = "e.g. service, registryRead.")
    private String name;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        for (JsonObject policy : client.policies()) {
            if (policy.get("keyName").getAsString().equals(name)) {
                out.println("HostName=" + client.hostName() + ";SharedAccessKeyName=" + name
                    + ";SharedAccessKey=" + policy.get("primaryKey").getAsString());
                return 0;
            }
        }
        throw new ParameterException(commandLine(), "no policy named '" + name + "' (see: local-hub policies list)");
    }
}
