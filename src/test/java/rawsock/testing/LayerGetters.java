package rawsock.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;

/**
 * Uses a decoded layer the way the writers and the send/recv code do, so that a hostile-bytes or
 * fuzz test finds a getter that throws. The getters are found by reflection: every public
 * instance method without parameters that returns something, wherever in the view's class
 * hierarchy it is declared (Object's aside). A getter added to a view is exercised without anyone
 * editing a list. The few getters that take an argument are called with the arguments the
 * send/recv code passes ({@link #WITH_ARGUMENTS}); {@link #notExercised} names any public method
 * of a layer that neither rule covers, and LayerGettersTest fails on one.
 */
public final class LayerGetters {
    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return gettersOf(type);
        }
    };

    /** A getter that takes arguments, and how the send/recv code calls it. */
    private record WithArguments(Class<? extends Layer> type, String name, Consumer<Layer> call) {
        static <L extends Layer> WithArguments of(Class<L> type, String name, Consumer<L> call) {
            return new WithArguments(type, name, layer -> call.accept(type.cast(layer)));
        }
    }

    private static final List<WithArguments> WITH_ARGUMENTS = List.of(
            WithArguments.of(Ipv4.class, "pseudoHeaderSum",
                    ip -> ip.pseudoHeaderSum(IpProtocol.TCP, ip.declaredPayloadLength())),
            WithArguments.of(Ipv6.class, "pseudoHeaderSum",
                    ip -> ip.pseudoHeaderSum(IpProtocol.UDP, ip.declaredUpperLength())),
            // every index of the chain, one before it and one past it
            WithArguments.of(Ipv6.class, "extensionType", ip -> everyExtension(ip, ip::extensionType)),
            WithArguments.of(Ipv6.class, "extensionOffset", ip -> everyExtension(ip, ip::extensionOffset)),
            WithArguments.of(Ipv6.class, "extensionLength", ip -> everyExtension(ip, ip::extensionLength)));

    private LayerGetters() {
    }

    private static void everyExtension(Ipv6 ip, IntUnaryOperator getter) {
        for (int i = -1; i <= ip.extensionCount(); i++) {
            getter.applyAsInt(i);
        }
    }

    /** The public no-argument getters of {@code type}, by name (a stable order for failure messages). */
    public static List<Method> gettersOf(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() != void.class && m.getDeclaringClass() != Object.class) {
                // A getter inherited from a package-private base class (the views' View) is public
                // but not reachable through that class from here without this.
                m.setAccessible(true);
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        return List.copyOf(getters);
    }

    /**
     * The public methods of a layer class that {@link #callAll} and the exerciser leave uncalled
     * although they read the layer: empty while every way of reading a view is exercised. What is
     * left out on purpose, and why:
     * <ul>
     *   <li>static methods: they read or patch a buffer they are given (writeSeq, updateChecksum)
     *       or map numbers to names; they are not a view of the decoded bytes;
     *   <li>fields(sink) and describe(text), the two void methods: the exerciser calls them on
     *       every layer (RecordedFields, the description checks);
     *   <li>methods returning the layer itself (wrap, quoted(boolean), pseudoHeaderSum(long),
     *       label(String)...): they set the view up, as the decoder and the silly-offset tests do,
     *       and read nothing;
     *   <li>Object's methods.
     * </ul>
     */
    public static List<String> notExercised(Class<? extends Layer> type) {
        List<String> missed = new ArrayList<>();
        for (Method m : type.getMethods()) {
            boolean setsUp = m.getParameterCount() > 0 && !m.getReturnType().isInterface()
                    && m.getReturnType() != Object.class && m.getReturnType().isAssignableFrom(type);
            boolean writesOut = m.getReturnType() == void.class && m.getParameterCount() == 1
                    && (m.getName().equals("fields") || m.getName().equals("describe"));
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || setsUp || writesOut
                    || m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                continue;
            }
            if (m.getReturnType() == void.class || WITH_ARGUMENTS.stream().noneMatch(
                    w -> w.type().isAssignableFrom(type) && w.name().equals(m.getName()))) {
                missed.add(type.getSimpleName() + "." + m.getName() + List.of(m.getParameterTypes()));
            }
        }
        missed.sort(Comparator.naturalOrder());
        return missed;
    }

    /** Calls every getter of the layer (besides fields() and describe()); asserts nothing, rethrows what a getter throws. */
    public static void callAll(Layer layer) {
        for (Method getter : GETTERS.get(layer.getClass())) {
            try {
                getter.invoke(layer);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new AssertionError(layer.getClass().getSimpleName() + "." + getter.getName(), cause);
            } catch (IllegalAccessException e) {
                throw new AssertionError("cannot call " + getter, e);
            }
        }
        for (WithArguments w : WITH_ARGUMENTS) {
            if (w.type().isInstance(layer)) {
                w.call().accept(layer);
            }
        }
    }

    /** Where a view's bytes are: its first byte's index and how many are present. */
    public record Span(int offset, int available) {
    }

    /**
     * The bytes a layer views, from its public {@code offset()} and {@code available()} (every
     * view of packet/ has them); null for a layer without them, such as a test's own.
     */
    public static Span span(Layer layer) {
        Method[] getters = SPAN_GETTERS.get(layer.getClass());
        if (getters == null) {
            return null;
        }
        try {
            return new Span((int) getters[0].invoke(layer), (int) getters[1].invoke(layer));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the span of " + layer.getClass().getSimpleName(), e);
        }
    }

    /** offset() and available() of a class, or null. */
    private static final ClassValue<Method[]> SPAN_GETTERS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Method offset = null;
            Method available = null;
            for (Method getter : GETTERS.get(type)) {
                if (getter.getReturnType() == int.class && getter.getName().equals("offset")) {
                    offset = getter;
                } else if (getter.getReturnType() == int.class && getter.getName().equals("available")) {
                    available = getter;
                }
            }
            return offset == null || available == null ? null : new Method[] {offset, available};
        }
    };
}
