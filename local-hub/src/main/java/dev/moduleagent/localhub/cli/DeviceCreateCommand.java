package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code local-hub device create}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Register a device identity.")
final class DeviceCreateCommand extends ServiceCall {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device id.")
    private String deviceId;

    @Mixin
    private AuthOptions auth;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        JsonObject device = client.createDevice(deviceId, auth.authentication(commandLine()));
        out.println("created device " + deviceId + " (auth " + auth.kind + ")");
        out.println(Json.pretty(device));
        return 0;
    }
}
