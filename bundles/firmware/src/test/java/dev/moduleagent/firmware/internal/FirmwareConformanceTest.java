package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.conformance.ComponentHandlerConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class FirmwareConformanceTest extends ComponentHandlerConformance {

    private static final byte[] V1 = ImageServer.randomImage(200_000, 11);
    private static final byte[] V2 = ImageServer.randomImage(250_000, 12);
    private static final byte[] V3 = ImageServer.randomImage(3_000_000, 13);

    @TempDir
    Path root;
    private ImageServer server;

    @BeforeEach
    void serve() throws Exception {
        server = new ImageServer();
        server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        server.serve("/v3.bin", V3, ImageServer.Behaviour.NORMAL);
    }

    @AfterEach
    void stopServing() {
        server.close();
    }

    @Override
    protected String component() {
        return "firmware";
    }

    @Override
    protected ComponentHandler newHandler() {
        return new FirmwareFixture(root).updater();
    }

    @Override
    protected Map<String, Object> validSection() {
        return section("1.0", server.url("/v1.bin"), V1);
    }

    @Override
    protected Map<String, Object> newerSection() {
        return section("2.0", server.url("/v2.bin"), V2);
    }

    @Override
    protected Map<String, Object> slowSection() {
        return section("3.0", server.url("/v3.bin"), V3);
    }

    @Override
    protected Map<String, Object> invalidSection() {
        return section("1.0", server.url("/v1.bin"), "not-a-hash", V1.length);
    }
}
