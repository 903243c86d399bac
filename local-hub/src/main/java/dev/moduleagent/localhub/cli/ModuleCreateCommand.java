package dev.moduleagent.localhub.cli;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.ServiceException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code local-hub module create}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Register a module identity (and its module twin); x509-ca needs a CA uploaded and verified with 'ca'.")
final class ModuleCreateCommand extends ServiceCall {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device id.")
    private String deviceId;

    @Option(names = "--module", required = true, paramLabel = "ID", description = "The module id.")
    private String moduleId;

    @Option(names = "--create-device", description = "Create the device first when it does not exist.")
    private boolean createDevice;

    @Mixin
    private AuthOptions auth;

    @Override
    int run(ServiceClient client, PrintWriter out) throws Exception {
        JsonObject authentication = auth.authentication(commandLine());
        if (createDevice) {
            ensureDevice(client, out);
        }
        JsonObject module = client.createModule(deviceId, moduleId, authentication);
        out.println("created module " + deviceId + "/" + moduleId + " (auth " + auth.kind + ")");
        out.println(Json.pretty(module));
        return 0;
    }

    private void ensureDevice(ServiceClient client, PrintWriter out) throws ServiceException {
        try {
            client.getDevice(deviceId);
        } catch (ServiceException e) {
            if (e.status() != 404) {
                throw e;
            }
            client.createDevice(deviceId);
            out.println("created device " + deviceId);
        }
    }
}
