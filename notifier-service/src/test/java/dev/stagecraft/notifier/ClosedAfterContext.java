package dev.stagecraft.notifier;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the test class's static {@link AutoCloseable} fields (its {@code IsolatedEnvironment}, stub
 * servers) after the class, once {@code @DirtiesContext} has closed its Spring context: dropping the
 * database and virtual host under a running context leaves it retrying against them until the JVM exits.
 * An {@code @AfterAll} method would run before the context closes.
 */
public final class ClosedAfterContext extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // after-class callbacks run in reverse order: this one last
    }

    @Override
    public void afterTestClass(TestContext testContext) throws Exception {
        for (Field field : testContext.getTestClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && AutoCloseable.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                ((AutoCloseable) field.get(null)).close();
            }
        }
    }
}
