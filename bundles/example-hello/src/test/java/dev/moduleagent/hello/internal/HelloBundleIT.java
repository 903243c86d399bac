package dev.moduleagent.hello.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.api.ComponentName;
import dev.moduleagent.conformance.BundleCheck;
import dev.moduleagent.conformance.BundleReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloBundleIT {

    @Test
    void registersItsHandlerInFelixAndLeavesNothingBehindWhenStopped(@TempDir Path folder) throws Exception {
        BundleReport report = BundleCheck.ofProjectBundle("hello")
                .whileActive((kit, reported) -> assertEquals("Hello, Ada!",
                        kit.expect(200, Map.of("name", "Ada")).reportedValue("greeting")))
                .run(folder);
        assertEquals("dev.moduleagent.example-hello", report.symbolicName());
        assertEquals("hello", report.serviceProperties().get(ComponentName.PROPERTY), "set by @ComponentName");
    }
}
