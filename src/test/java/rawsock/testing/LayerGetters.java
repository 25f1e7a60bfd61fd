package rawsock.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4;
import rawsock.packet.Ipv6;
import rawsock.packet.Layer;

/**
 * Uses a decoded layer the way the writers and the send/recv code do, so that a hostile-bytes or
 * fuzz test finds a getter that throws. The getters are found by reflection: every public
 * instance method without parameters that returns something, wherever in the view's class
 * hierarchy it is declared (Object's aside). A getter added to a view is exercised without anyone
 * editing a list; only the few getters that take an argument are called by name below.
 */
public final class LayerGetters {
    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return gettersOf(type);
        }
    };

    private LayerGetters() {
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
        callThoseWithArguments(layer);
    }

    /** Getters that take an argument, with the arguments the send/recv code passes. */
    private static void callThoseWithArguments(Layer layer) {
        if (layer instanceof Ipv4 ip) {
            ip.pseudoHeaderSum(IpProtocol.TCP, ip.declaredPayloadLength());
        } else if (layer instanceof Ipv6 ip) {
            for (int i = -1; i <= ip.extensionCount(); i++) {
                ip.extensionType(i);
                ip.extensionOffset(i);
                ip.extensionLength(i);
            }
            ip.pseudoHeaderSum(IpProtocol.UDP, ip.declaredUpperLength());
        }
    }
}
