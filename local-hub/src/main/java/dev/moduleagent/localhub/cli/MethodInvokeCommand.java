package dev.moduleagent.localhub.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local-hub method invoke}. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invoke a direct method on a connected module and print {status, payload}; fails with 504 on timeout.")
final class MethodInvokeCommand extends ServiceCall {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device id.")
    private String deviceId;

    @Option(names = "--module", required = true, paramLabel = "ID", description = "The module id.")
    private String moduleId;

    @Option(names = "--method", required = true, paramLabel = "NAME", description = "The method name.")
    private String method;

    @Option(names = "--payload", paramLabel = "JSON", description = "The payload: JSON text or @file (default null).")
    private String payload;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Response timeout, 5..300 (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        JsonElement body = payload == null ? JsonNull.INSTANCE : Json.argument(commandLine(), "--payload", payload);
        JsonObject result = client.invokeModuleMethod(deviceId, moduleId, method, body, timeoutSeconds);
        out.println(Json.pretty(result));
        return 0;
    }
}
