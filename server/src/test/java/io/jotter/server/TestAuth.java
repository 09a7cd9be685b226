package io.jotter.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests' token, and the JUnit extension (registered for every test through
 * {@code META-INF/services}; Quarkus's own junit-platform.properties turns autodetection on) that makes RestAssured send it,
 * so tests read as if the API were open. WebSocket clients add {@link #AUTHORIZATION} to their
 * handshake themselves; a class that checks refusals opts out with {@link SendsNoToken}.
 */
public class TestAuth implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    /** Equal to {@code %test.jotter.token} in application.properties. */
    public static final String TOKEN = "test-token-0123456789abcdef0123456789abcdef";
    /** The {@code Authorization} header's value that carries {@link #TOKEN}. */
    public static final String AUTHORIZATION = "token " + TOKEN;

    /** On a test class: RestAssured sends nothing by default; each request says what it carries. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface SendsNoToken {
    }

    /**
     * Right before the test method: after Quarkus has pointed RestAssured at the test server, as the
     * default request specification keeps the port it was built with.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) throws ReflectiveOperationException {
        if (!sendsNoToken(context.getRequiredTestClass())) {
            setDefaultSpecification(context, true);
        }
    }

    /** By name: the test class's annotations come from Quarkus's class loader, not this one's. */
    private static boolean sendsNoToken(Class<?> testClass) {
        return Arrays.stream(testClass.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getName().equals(SendsNoToken.class.getName()));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws ReflectiveOperationException {
        setDefaultSpecification(context, false);
    }

    /**
     * Through reflection: a {@code @QuarkusTest} class is loaded by Quarkus's class loader, whose
     * RestAssured is not the one this extension was loaded with.
     */
    private static void setDefaultSpecification(ExtensionContext context, boolean withToken)
            throws ReflectiveOperationException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Object spec = null;
        if (withToken) {
            Class<?> builderClass = Class.forName("io.restassured.builder.RequestSpecBuilder", true, loader);
            Object builder = builderClass.getConstructor().newInstance();
            builderClass.getMethod("addHeader", String.class, String.class).invoke(builder, "Authorization", AUTHORIZATION);
            spec = builderClass.getMethod("build").invoke(builder);
        }
        Class.forName("io.restassured.RestAssured", true, loader).getField("requestSpecification").set(null, spec);
    }
}
