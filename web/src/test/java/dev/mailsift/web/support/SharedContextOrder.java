package dev.mailsift.web.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order of the test classes (set in junit-platform.properties): by class name, except that the classes of one
 * group run one after another, at the place of the group's first class. A group is the classes that inherit the
 * same {@code @DynamicPropertySource} method, which is part of Spring's context cache key: the access topics of one
 * environment. Run apart, their shared context could be evicted between them (at most three are cached) and start
 * again.
 */
public final class SharedContextOrder implements ClassOrderer {

    /** The last class of each group in the order of this run; empty until JUnit has ordered the classes. */
    private static final Map<Class<?>, Class<?>> LAST_OF_GROUP = new ConcurrentHashMap<>();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        Map<Class<?>, String> firstOfGroup = new HashMap<>();
        for (ClassDescriptor descriptor : classes) {
            Class<?> testClass = descriptor.getTestClass();
            firstOfGroup.merge(group(testClass), testClass.getName(),
                    (one, other) -> one.compareTo(other) <= 0 ? one : other);
        }
        classes.sort(Comparator.comparing((ClassDescriptor descriptor) -> firstOfGroup.get(
                group(descriptor.getTestClass()))).thenComparing(descriptor -> descriptor.getTestClass().getName()));
        classes.forEach(descriptor -> LAST_OF_GROUP.put(group(descriptor.getTestClass()), descriptor.getTestClass()));
    }

    /** The nearest class declaring the {@code @DynamicPropertySource} the test class runs with, else itself. */
    static Class<?> group(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(DynamicPropertySource.class)) {
                    return type;
                }
            }
        }
        return testClass;
    }

    /**
     * {@code @DirtiesContext} for a group: closes the shared context after the group's last class instead of after
     * each. Unordered by {@link SharedContextOrder} (another orderer configured), it closes after every class.
     */
    public static final class ClosesAfterLastOfGroup extends AbstractTestExecutionListener {

        /** Last in {@code afterTestClass} (run in reverse order), so no listener reloads the closed context. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterTestClass(TestContext testContext) {
            Class<?> testClass = testContext.getTestClass();
            Class<?> last = LAST_OF_GROUP.get(group(testClass));
            if (last == null || last == testClass) {
                testContext.markApplicationContextDirty(DirtiesContext.HierarchyMode.EXHAUSTIVE);
            }
        }
    }
}
