package dev.moduleagent.runtime.demo;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the demo asks of the example plug-ins: a greeting from {@code hello}, and a firmware update from
 * {@code firmware} (a generated image served from a {@code file:} URL, installed into slots below the demo folder, so
 * that nothing outside the distribution is touched).
 */
final class DemoPlan {

    static final String HELLO = "hello";
    static final String FIRMWARE = "firmware";
    private static final int IMAGE_BYTES = 1 << 20;

    private final Path demoDir;

    DemoPlan(Path demoDir) {
        this.demoDir = demoDir;
    }

    /**
     * @return Configuration Admin files (name to content) written into the deploy folder: the plug-ins that change the
     *     system work below the demo folder instead
     */
    Map<String, String> pluginConfigurations() {
        return Map.of("dev.moduleagent.firmware.cfg", "root=" + demoDir.resolve("firmware") + "\n",
                "dev.moduleagent.osconfig.cfg", "root=" + demoDir.resolve("os-root") + "\n");
    }

    /**
     * @return the desired patch: one IoT Plug and Play section per component
     * @throws IOException when the firmware image cannot be written
     */
    JsonObject desiredPatch() throws IOException {
        JsonObject hello = component();
        hello.addProperty("name", "module-agent demo");
        JsonObject firmware = component();
        byte[] content = new byte[IMAGE_BYTES];
        new Random(42).nextBytes(content); // any content will do: the plug-in checks size and hash
        firmware.addProperty("version", "1.0.0");
        firmware.addProperty("url", firmwareImage(content).toUri().toString());
        firmware.addProperty("sha256", sha256(content));
        firmware.addProperty("size", content.length);
        JsonObject patch = new JsonObject();
        patch.add(HELLO, hello);
        patch.add(FIRMWARE, firmware);
        return patch;
    }

    /**
     * @param patch a desired patch made by {@link #desiredPatch()}
     * @return component to the properties whose acknowledgement the demo waits for
     */
    static Map<String, List<String>> expectedAcks(JsonObject patch) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String component : patch.keySet()) {
            expected.put(component, patch.getAsJsonObject(component).keySet().stream()
                    .filter(key -> !key.equals("__t")).toList());
        }
        return expected;
    }

    private static JsonObject component() {
        JsonObject section = new JsonObject();
        section.addProperty("__t", "c");
        return section;
    }

    private Path firmwareImage(byte[] content) throws IOException {
        Path image = Files.createDirectories(demoDir.resolve("images")).resolve("firmware-1.0.0.img");
        return Files.write(image, content);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
