package dev.moduleagent.localhub.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The files a running hub leaves in its data folder for the CLI: {@code hub.properties} (host, ports, CA file) and
 * {@code owner.connection-string} (0600), so that {@code local-hub twin show …} needs no options on the same machine.
 */
public final class HubFiles {

    public static final String PROPERTIES = "hub.properties";
    public static final String OWNER_CONNECTION_STRING = "owner.connection-string";

    /** What the CLI needs to reach a hub. */
    public record Endpoint(String host, int mqttPort, int servicePort, Path caFile) {
    }

    private HubFiles() {
    }

    public static void write(Path dataDir, Endpoint endpoint, String ownerConnectionString) throws IOException {
        SecretFiles.write(dataDir.resolve(OWNER_CONNECTION_STRING), ownerConnectionString + System.lineSeparator());
        Properties properties = new Properties();
        properties.setProperty("host", endpoint.host());
        properties.setProperty("mqttPort", Integer.toString(endpoint.mqttPort()));
        properties.setProperty("servicePort", Integer.toString(endpoint.servicePort()));
        properties.setProperty("caFile", endpoint.caFile().toAbsolutePath().toString());
        Path temp = dataDir.resolve(PROPERTIES + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by local-hub at start; read by the local-hub CLI");
        }
        Files.move(temp, dataDir.resolve(PROPERTIES), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Endpoint readEndpoint(Path dataDir) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return new Endpoint(properties.getProperty("host"), Integer.parseInt(properties.getProperty("mqttPort")),
                Integer.parseInt(properties.getProperty("servicePort")), Path.of(properties.getProperty("caFile")));
        } catch (RuntimeException e) {
            throw new IOException("incomplete " + dataDir.resolve(PROPERTIES));
        }
    }

    public static String readOwnerConnectionString(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve(OWNER_CONNECTION_STRING), StandardCharsets.UTF_8).trim();
    }
}
