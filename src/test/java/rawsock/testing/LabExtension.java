package rawsock.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lab of network namespaces that is up for all the tests of a class and always removed after
 * them: {@code @RegisterExtension static final LabExtension LAB = new LabExtension(Lab::up);}
 * (or {@code RoutedLab::up}), then {@code LAB.lab()} in the tests. It comes up before the class's
 * own {@code @BeforeAll} methods, which may add to it.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {
    /** What brings a lab up. */
    @FunctionalInterface
    public interface Starter {
        Lab up() throws Exception;
    }

    private final Starter starter;
    private Lab lab;

    public LabExtension(Starter starter) {
        this.starter = starter;
    }

    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab is up only while the test class runs");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lab = starter.up();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (lab != null) {
            try {
                lab.close();
            } finally {
                lab = null;
            }
        }
    }
}
