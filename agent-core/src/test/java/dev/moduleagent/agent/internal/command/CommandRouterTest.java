package dev.moduleagent.agent.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.api.CommandHandler;
import dev.moduleagent.api.CommandRequest;
import dev.moduleagent.api.CommandResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

    private final CommandRegistry registry = new CommandRegistry();
    private final CommandThreads threads = new CommandThreads();
    private final CommandRouter router = new CommandRouter(registry, threads);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<CommandRequest> seen = new ArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        threads.close();
    }

    private final CommandHandler firmware = new CommandHandler() {
        @Override
        public Set<String> commands() {
            return Set.of("echo", "boom", "slow", "block");
        }

        @Override
        public Duration timeout(String command) {
            return "slow".equals(command) ? Duration.ofMillis(200) : Duration.ofSeconds(10);
        }

        @Override
        public CommandResponse handle(CommandRequest request) throws Exception {
            synchronized (seen) {
                seen.add(request);
            }
            return switch (request.command()) {
                case "echo" -> CommandResponse.ok(Map.of("got", request.payload()));
                case "boom" -> throw new IllegalStateException("slot B is broken");
                case "slow" -> {
                    Thread.sleep(60_000); // interrupted by the timeout
                    yield CommandResponse.ok("late");
                }
                default -> {
                    release.await();
                    yield CommandResponse.ok("released");
                }
            };
        }
    };

    private Answer call(String method, String payload) throws InterruptedException {
        LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        router.invoked(method, payload, (status, json) -> answers.add(new Answer(status, json)));
        Answer answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to " + method);
        }
        return answer;
    }

    private void register() {
        registry.add(new HandlerInfo("firmware", "fw", "1.0.0", 7, 0), firmware);
    }

    @Test
    void GIVEN_a_handler_WHEN_its_command_is_called_THEN_the_payload_goes_in_and_the_answer_comes_back()
            throws Exception {
        register();
        Answer answer = call("firmware*echo", "{\"slot\":\"B\",\"n\":2}");
        assertEquals(200, answer.status);
        assertEquals("{\"got\":{\"slot\":\"B\",\"n\":2}}", answer.json);
        assertEquals(2L, ((Map<?, ?>) seen.get(0).payload()).get("n"));
        assertEquals(Duration.ofSeconds(10), seen.get(0).timeout());
    }

    @Test
    void GIVEN_no_handler_or_command_WHEN_called_THEN_404_and_the_handler_is_not_called() throws Exception {
        register();
        assertEquals(404, call("os*reboot", "{}").status);
        Answer unknown = call("firmware*format", "{}");
        assertEquals(404, unknown.status);
        assertTrue(unknown.json.contains("no command 'format'"), unknown.json);
        assertEquals(404, call("reboot", "{}").status);
        assertEquals(404, call("firmware*", "{}").status);
        assertTrue(seen.isEmpty());
    }

    @Test
    void GIVEN_bad_input_or_a_throwing_handler_THEN_400_or_500_with_the_reason() throws Exception {
        register();
        assertEquals(400, call("firmware*echo", "{not json").status);
        assertEquals(400, call("firmware*echo", "[".repeat(11) + "]".repeat(11)).status);
        assertEquals(413, call("firmware*echo", "\"" + "x".repeat(CommandPayloads.MAX_BYTES) + "\"").status);
        Answer boom = call("firmware*boom", "{}");
        assertEquals(500, boom.status);
        assertTrue(boom.json.contains("slot B is broken"), boom.json);
    }

    @Test
    void GIVEN_a_slow_command_WHEN_its_timeout_passes_THEN_504_and_the_handler_is_interrupted() throws Exception {
        register();
        long start = System.nanoTime();
        Answer answer = call("firmware*slow", "{}");
        assertEquals(504, answer.status);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertEquals(200, call("firmware*echo", "1").status, "the thread is usable again");
    }

    @Test
    void GIVEN_all_slots_busy_WHEN_one_more_call_comes_THEN_429_at_once() throws Exception {
        register();
        LinkedBlockingQueue<Answer> late = new LinkedBlockingQueue<>();
        for (int i = 0; i < CommandThreads.MAX_CONCURRENT; i++) {
            router.invoked("firmware*block", "{}", (status, json) -> late.add(new Answer(status, json)));
        }
        assertEquals(429, call("firmware*echo", "{}").status);
        release.countDown();
        for (int i = 0; i < CommandThreads.MAX_CONCURRENT; i++) {
            assertEquals(200, late.poll(10, TimeUnit.SECONDS).status);
        }
    }

    private record Answer(int status, String json) {
    }
}
