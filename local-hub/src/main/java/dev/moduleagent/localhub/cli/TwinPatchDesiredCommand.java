package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code local-hub twin patch-desired}. */
@Command(name = "patch-desired", mixinStandardHelpOptions = true,
        description = "Merge a JSON patch into the desired properties (null deletes); a connected client receives it at once.")
final class TwinPatchDesiredCommand extends ServiceCall {

    @Mixin
    private IdentityArguments identity;

    @Parameters(index = "0", paramLabel = "PATCH", description = "The patch: JSON text, or @file.")
    private String patch;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        JsonObject desired = Json.objectArgument(commandLine(), "PATCH", patch);
        JsonObject twin = identity.moduleId == null ? client.patchDeviceTwinDesired(identity.deviceId, desired)
            : client.patchModuleTwinDesired(identity.deviceId, identity.moduleId, desired);
        long version = twin.getAsJsonObject("properties").getAsJsonObject("desired").get("$version").getAsLong();
        out.println("desired properties of " + identity.describe() + " are now at $version " + version);
        return 0;
    }
}
