package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.HubConfig;
import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.internal.HubFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a CLI command reaches a running hub: by default from the files the hub wrote into its data folder
 * ({@code hub.properties}, {@code owner.connection-string}); each part can be given explicitly instead.
 */
final class HubOptions {

    static final String DEFAULT_DATA_DIR = "local-hub-data";

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR, paramLabel = "DIR",
            description = "The hub's data folder, read for the connection details (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--connection-string", paramLabel = "TEXT",
            description = "The owner connection string (default: <data-dir>/owner.connection-string).")
    String connectionString;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "The hub's CA certificate (default: from <data-dir>).")
    Path caFile;

    @Option(names = "--service-port", paramLabel = "PORT", description = "The service API port (default: from <data-dir>, else 8443).")
    Integer servicePort;

    ServiceClient client() throws IOException {
        HubFiles.Endpoint endpoint = Files.exists(dataDir.resolve(HubFiles.PROPERTIES)) ? HubFiles.readEndpoint(dataDir) : null;
        String owner = connectionString;
        if (owner == null) {
            Path file = dataDir.resolve(HubFiles.OWNER_CONNECTION_STRING);
            if (!Files.exists(file)) {
                throw new IOException("no " + file + ": start the hub with 'local-hub serve --data-dir " + dataDir
                    + "' or give --connection-string and --ca-file");
            }
            owner = HubFiles.readOwnerConnectionString(dataDir);
        }
        Path ca = caFile != null ? caFile : endpoint != null ? endpoint.caFile() : null;
        if (ca == null) {
            throw new IOException("no CA file: give --ca-file or --data-dir of a hub that ran");
        }
        int port = servicePort != null ? servicePort : endpoint != null ? endpoint.servicePort() : HubConfig.DEFAULT_SERVICE_PORT;
        return ServiceClient.connect(owner, ca, port);
    }
}
