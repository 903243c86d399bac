package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code local-hub policies list}: policy names and rights, never their keys. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the shared access policies and their rights (no keys).")
final class PoliciesListCommand extends ServiceCall {

    private static final String FORMAT = "%-20s %s%n";

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        out.printf(FORMAT, "POLICY", "RIGHTS");
        for (JsonObject policy : client.policies()) {
            out.printf(FORMAT, policy.get("keyName").getAsString(), policy.get("rights").getAsString());
        }
        return 0;
    }
}
