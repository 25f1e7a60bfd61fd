package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * send's programmatic model: every option object SendRequestReader can ask about is one the
 * command parses (an option left out of {@link SendOptions#addTo} would never be "given", and its
 * rules would pass in silence), and each model has option objects of its own (picocli keeps a
 * value in its OptionSpec, so two command lines sharing one would see each other's values).
 */
class SendOptionsTest {
    private static final Console NOWHERE = new Console(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
            new PrintWriter(OutputStream.nullOutputStream()), () -> false);

    private static <T> List<T> fields(SendOptions options, Class<T> type) throws IllegalAccessException {
        List<T> values = new ArrayList<>();
        for (Field field : SendOptions.class.getDeclaredFields()) {
            if (type.isAssignableFrom(field.getType())) {
                values.add(type.cast(field.get(options)));
            }
        }
        return values;
    }

    @Test
    void everyOptionObjectIsInTheCommand() throws Exception {
        SendCommand send = new SendCommand(new RawsockCommand(NOWHERE));
        SendOptions options = (SendOptions) fieldOf(send, "options");
        CommandSpec spec = send.spec();
        List<ArgSpec> args = fields(options, ArgSpec.class);
        assertTrue(args.size() > 60, "option fields found: " + args.size());
        for (ArgSpec arg : args) {
            assertTrue(spec.args().stream().anyMatch(a -> a == arg), arg + " is not in send's model");
        }
        List<ArgGroupSpec> groups = fields(options, ArgGroupSpec.class);
        assertEquals(groups.size(), spec.argGroups().size());
        for (ArgGroupSpec group : groups) {
            assertTrue(spec.argGroups().stream().anyMatch(g -> g == group), group.synopsis() + " is not in send's model");
        }
        // Only the payload and whole-packet groups are not header fields.
        List<ArgGroupSpec> others = new ArrayList<>(groups);
        others.removeIf(g -> options.headerGroups().stream().anyMatch(h -> h == g));
        assertEquals(List.of(options.payload, options.wholePackets), others);
    }

    @Test
    void twoModelsShareNoOptionObject() {
        Set<ArgSpec> first = Collections.newSetFromMap(new IdentityHashMap<>());
        CommandLine one = Rawsock.commandLine(NOWHERE, "send");
        first.addAll(one.getCommandSpec().args());
        one.getSubcommands().get("send").getCommandSpec().args().forEach(first::add);
        CommandLine two = Rawsock.commandLine(NOWHERE, "send");
        List<ArgSpec> second = new ArrayList<>(two.getCommandSpec().args());
        second.addAll(two.getSubcommands().get("send").getCommandSpec().args());
        for (ArgSpec arg : second) {
            assertFalse(first.contains(arg), arg + " is in both models");
        }
        // And values stay in their own model: one parse does not show in the other.
        one.parseArgs("send", "-d", "127.0.0.1", "--ttl", "9");
        two.parseArgs("send", "-d", "127.0.0.2");
        Object ttlOne = one.getSubcommands().get("send").getCommandSpec().findOption("--ttl").getValue();
        Object ttlTwo = two.getSubcommands().get("send").getCommandSpec().findOption("--ttl").getValue();
        assertEquals("9", ttlOne);
        assertNull(ttlTwo);
    }

    private static Object fieldOf(Object object, String name) throws ReflectiveOperationException {
        Field field = object.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(object);
    }
}
