package rawsock.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that opens raw sockets: it runs as root and is skipped, with the reason shown,
 * otherwise. Under CI (CI=true) it is never skipped, so a CI without root fails loudly instead of
 * passing with the real tests left out.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("root")
@ExtendWith(RootCondition.class)
public @interface RequiresRoot {
}
