package dev.moduleagent.runtime.it;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops the agent process at the entry of one method through the JDK's debugger interface (JDWP on loopback), so that
 * a test can kill it with SIGKILL at exactly that step; the agent's code carries no test hook. The whole VM is
 * suspended at the breakpoint, so nothing after it runs before the kill.
 */
final class StepBreakpoint implements AutoCloseable {

    /** The JVM option that makes the agent listen for a debugger on a free loopback port (printed on its console). */
    static final String JDWP = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";
    private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

    private final VirtualMachine vm;
    private final String className;
    private final String method;

    private StepBreakpoint(VirtualMachine vm, String className, String method) {
        this.vm = vm;
        this.className = className;
        this.method = method;
    }

    /**
     * Attaches to the agent whose console (after {@code consoleOffset} bytes) names its debugger port and sets a
     * breakpoint at the entry of every method of that name in the class, loaded now or later.
     */
    static StepBreakpoint attach(Path console, long consoleOffset, String className, String method)
            throws IOException, InterruptedException {
        int[] port = {0};
        Conditions.await("the agent's debugger port on its console", Duration.ofSeconds(60), () -> {
            port[0] = port(console, consoleOffset);
            return port[0] > 0;
        });
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(candidate -> "com.sun.jdi.SocketAttach".equals(candidate.name())).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port[0]));
        arguments.get("timeout").setValue("30000");
        try {
            StepBreakpoint breakpoint = new StepBreakpoint(connector.attach(arguments), className, method);
            breakpoint.arm();
            return breakpoint;
        } catch (IllegalConnectorArgumentsException e) {
            throw new IOException(e);
        }
    }

    private static int port(Path console, long offset) {
        try {
            String text = Files.readString(console);
            Matcher matcher = LISTENING.matcher(text.substring((int) Math.min(offset, text.length())));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void arm() {
        ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
        prepare.addClassFilter(className);
        prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepare.enable();
        vm.classesByName(className).forEach(this::breakIn);
    }

    private void breakIn(ReferenceType type) {
        for (Method candidate : type.methodsByName(method)) {
            BreakpointRequest request = vm.eventRequestManager().createBreakpointRequest(candidate.location());
            request.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            request.enable();
        }
    }

    /**
     * Waits until the agent reaches the method; it is then suspended there (all threads) until it is killed.
     *
     * @throws AssertionError when it does not within the deadline
     */
    void awaitHit(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            EventSet events = vm.eventQueue().remove(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (events == null) {
                continue;
            }
            for (Event event : events) {
                if (event instanceof BreakpointEvent) {
                    return;
                }
                if (event instanceof ClassPrepareEvent prepared) {
                    breakIn(prepared.referenceType());
                }
            }
            events.resume();
        }
        throw new AssertionError("the agent did not reach " + className + "." + method + " within "
                + deadline.toSeconds() + " s");
    }

    @Override
    public void close() {
        try {
            vm.dispose();
        } catch (VMDisconnectedException e) {
            // the process was killed: nothing to detach from
        }
    }
}
