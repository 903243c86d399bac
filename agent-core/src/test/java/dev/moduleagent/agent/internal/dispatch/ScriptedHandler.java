package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A plug-in whose behaviour a test scripts; it records every section it was given. */
final class ScriptedHandler implements ComponentHandler {

    /** The apply behaviour. */
    @FunctionalInterface
    interface Script {
        Outcome apply(DesiredSection section, ApplyContext context) throws Exception;
    }

    final List<DesiredSection> applied = new CopyOnWriteArrayList<>();
    final List<Boolean> supersededAtEnd = new CopyOnWriteArrayList<>();
    private final Script script;
    private final Function<DesiredSection, Validation> validation;
    private final Duration timeout;

    ScriptedHandler(Script script) {
        this(script, section -> Validation.accept(), Duration.ofMinutes(10));
    }

    ScriptedHandler(Script script, Function<DesiredSection, Validation> validation, Duration timeout) {
        this.script = script;
        this.validation = validation;
        this.timeout = timeout;
    }

    static ScriptedHandler done() {
        return new ScriptedHandler((section, context) -> Outcome.done("applied v" + section.version()));
    }

    @Override
    public Validation validate(DesiredSection section) {
        return validation.apply(section);
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws Exception {
        applied.add(section);
        try {
            return script.apply(section, context);
        } finally {
            supersededAtEnd.add(context.isSuperseded());
        }
    }

    @Override
    public Duration timeout() {
        return timeout;
    }
}
