package dev.moduleagent.hello.internal;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.conformance.ComponentHandlerConformance;
import java.util.Map;

class HelloConformanceTest extends ComponentHandlerConformance {

    @Override
    protected String component() {
        return "hello";
    }

    @Override
    protected ComponentHandler newHandler() {
        return new HelloHandler();
    }

    @Override
    protected Map<String, Object> validSection() {
        return Map.of("name", "Ada");
    }

    @Override
    protected Map<String, Object> newerSection() {
        return Map.of("name", "Grace");
    }

    @Override
    protected Map<String, Object> invalidSection() {
        return Map.of("name", 42L);
    }
}
