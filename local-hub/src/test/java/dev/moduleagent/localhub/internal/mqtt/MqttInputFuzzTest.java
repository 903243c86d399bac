package dev.moduleagent.localhub.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * Fuzzing what an MQTT client can send the hub: raw bytes through the hub's decoder (bounded as in
 * {@link MqttChannelInitializer}), then every decoded PUBLISH through the hub's topic parsing and its JSON reader;
 * and topic names on their own. Plain {@code mvn verify} replays the seed corpus in
 * {@code src/test/resources/…/MqttInputFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
class MqttInputFuzzTest {

    private static final IdentityKey MODULE = IdentityKey.module("fuzz-device", "fuzz-module");
    private static final int MAX_JSON_BYTES = 32 * 1024;

    @FuzzTest(maxDuration = "5m")
    void anyBytesDecodeIntoBoundedMessagesAndParsedTopics(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new MqttDecoder(MqttPipeline.MAX_PACKET_BYTES, 257));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
            for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
                try {
                    check((MqttMessage) message, input.length);
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyTopicParsesIntoOneAnswer(FuzzedDataProvider data) {
        checkTopic(data.consumeRemainingAsString());
    }

    private static void check(MqttMessage message, int inputLength) {
        if (message.decoderResult().isSuccess() && message instanceof MqttPublishMessage publish) {
            assertTrue(publish.payload().readableBytes() <= inputLength, "a payload is never larger than its input");
            checkTopic(publish.variableHeader().topicName());
            byte[] payload = ByteBufUtil.getBytes(publish.payload());
            try {
                BoundedJson.parse(payload, MAX_JSON_BYTES);
            } catch (JsonRejection expected) {
                // not JSON, too deep or too large: refused with a reason
            }
        }
    }

    private static void checkTopic(String topic) {
        InboundTopic parsed = DeviceTopics.parse(topic, MODULE);
        assertNotNull(parsed, topic);
        String rid = null;
        if (parsed instanceof InboundTopic.TwinGet get) {
            rid = get.rid();
        } else if (parsed instanceof InboundTopic.ReportedPatch patch) {
            rid = patch.rid();
        } else if (parsed instanceof InboundTopic.MethodResponse response) {
            rid = response.rid();
        }
        if (rid != null) {
            // the hub echoes $rid in the topic of its answer: it must make a valid MQTT topic name
            assertTrue(rid.length() <= 128 && rid.chars().noneMatch(c -> c == '+' || c == '#' || c == 0),
                    "rid echoed into a response topic: " + rid);
        }
        if (parsed instanceof InboundTopic.Telemetry telemetry) {
            assertTrue(telemetry.properties().size() + telemetry.systemProperties().size() <= 64, topic);
        }
    }
}
