package dev.moduleagent.localhub.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local-hub modules list}: each module with its connection state and client certificate thumbprint. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a device's modules with connection state, authentication and the thumbprint of the client certificate.")
final class ModulesListCommand extends ServiceCall {

    private static final String FORMAT = "%-24s %-13s %-21s %-40s %s%n";

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device id.")
    private String deviceId;

    @Option(names = "--json", description = "Print the service API's JSON.")
    private boolean json;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        List<JsonObject> modules = client.modules(deviceId);
        if (json) {
            JsonArray array = new JsonArray();
            modules.forEach(array::add);
            out.println(Json.pretty(array));
            return 0;
        }
        out.printf(FORMAT, "MODULE", "STATE", "AUTH", "CLIENT CERT SHA-1", "LAST ACTIVITY");
        for (JsonObject module : modules) {
            out.printf(FORMAT, text(module, "moduleId"), text(module, "connectionState"),
                module.getAsJsonObject("authentication").get("type").getAsString(),
                text(module, "clientCertificateThumbprint"), text(module, "lastActivityTime"));
        }
        return 0;
    }

    private static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() || value.getAsString().startsWith("0001-") ? "-" : value.getAsString();
    }
}
