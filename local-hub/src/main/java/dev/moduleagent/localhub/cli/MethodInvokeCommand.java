package dev.moduleagent.localhub.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code local-hub method invoke}. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invoke a direct method on a device or module and print {status, payload}; fails with 504 on timeout.")
final class MethodInvokeCommand extends ServiceCall {

    @Mixin
    private IdentityArguments target;

    @Option(names = "--method", required = true, paramLabel = "NAME", description = "The method name.")
    private String method;

    @Option(names = "--payload", paramLabel = "JSON", description = "The payload: JSON text or @file (default null).")
    private String payload;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Response timeout, 5..300 (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--connect-timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "How long to wait for an offline target to connect, 0..300 (default ${DEFAULT-VALUE}: fail at once).")
    private int connectTimeoutSeconds;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        JsonElement body = payload == null ? JsonNull.INSTANCE : Json.argument(commandLine(), "--payload", payload);
        JsonObject result = client.invokeMethod(target.deviceId, target.moduleId, method, body, timeoutSeconds, connectTimeoutSeconds);
        out.println(Json.pretty(result));
        return 0;
    }
}
