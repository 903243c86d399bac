package dev.moduleagent.hello.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.ComponentName;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The example plug-in, a template to copy: desired {@code {"name": "Ada"}} becomes reported
 * {@code {"greeting": "Hello, Ada!"}}. Like every plug-in it exports nothing: its package is {@code internal}.
 */
@Component
@ComponentName("hello")
public class HelloHandler implements ComponentHandler {

    @Override
    public Validation validate(DesiredSection section) {
        Object name = section.properties().getOrDefault("name", "world");
        return name instanceof String text && !text.isBlank() && text.length() <= 64
                ? Validation.accept()
                : Validation.reject("name " + name + " is not a text of 1 to 64 characters");
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) {
        String greeting = "Hello, " + section.properties().getOrDefault("name", "world") + "!";
        context.report(Map.of("greeting", greeting));
        return Outcome.done(greeting);
    }
}
