package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code local-hub twin show}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a module twin (or a device twin without --module).")
final class TwinShowCommand extends ServiceCall {

    @Mixin
    private IdentityArguments identity;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        out.println(Json.pretty(identity.moduleId == null ? client.getDeviceTwin(identity.deviceId)
            : client.getModuleTwin(identity.deviceId, identity.moduleId)));
        return 0;
    }
}
