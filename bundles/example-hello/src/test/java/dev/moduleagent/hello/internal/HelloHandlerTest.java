package dev.moduleagent.hello.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.conformance.ApplyResult;
import dev.moduleagent.conformance.ConformanceKit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloHandlerTest {

    @Test
    void reportsAGreetingForTheDesiredName() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("hello", HelloHandler::new)) {
            ApplyResult result = kit.expect(200, Map.of("name", "Ada"));
            assertEquals("Hello, Ada!", result.reportedValue("greeting"));
        }
    }

    @Test
    void rejectsANameThatIsNotText() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("hello", HelloHandler::new)) {
            ApplyResult result = kit.expect(400, Map.of("name", 42L));
            assertEquals("name 42 is not a text of 1 to 64 characters", result.outcome().description());
        }
    }
}
