package dev.moduleagent.benchmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoadClientTest {

    @Test
    void requestIdIsReadFromTheHubsResponseTopic() {
        assertEquals("17", LoadClient.ridOf("$iothub/twin/res/204/?$rid=17&$version=4"));
        assertEquals("3", LoadClient.ridOf("$iothub/twin/res/200/?$rid=3"));
        assertEquals("", LoadClient.ridOf("$iothub/twin/PATCH/properties/desired/?$version=2"));
    }
}
