package io.github.pgfixture.junit5;

import org.junit.jupiter.api.extension.ExtensionContext.Store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Puts an {@link AutoCloseable} into an {@link Store} so that every JUnit Jupiter from 5.10 through
 * 6.x closes it exactly once, when the store's extension context ends, without this adapter using
 * the {@code Store.CloseableResource} interface that Jupiter 5.13 deprecated.
 *
 * <p>Jupiter 5.13 and later close a stored {@code AutoCloseable}, unless
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled} is {@code false}; 5.10 to 5.12
 * close only a {@code CloseableResource}. So the value stored is a proxy that implements both
 * interfaces, made at run time from the deprecated interface's name: no code here is compiled
 * against it. Jupiter closes a value that implements both once, as an {@code AutoCloseable} where
 * that is enabled and as a {@code CloseableResource} otherwise. Where a future JUnit no longer has
 * the interface, the resource itself is stored.
 */
final class ClosedByJUnit {

    private static final Optional<Class<?>> CLOSEABLE_RESOURCE = closeableResource();

    private ClosedByJUnit() {
    }

    /** Stores {@code resource} under {@code key}, to be closed when the store's context ends. */
    static void put(Store store, Object key, AutoCloseable resource) {
        Object value = CLOSEABLE_RESOURCE
                .<Object>map(legacy -> Proxy.newProxyInstance(legacy.getClassLoader(),
                        new Class<?>[]{AutoCloseable.class, legacy}, new Closer(resource)))
                .orElse(resource);
        store.put(key, value);
    }

    /** What {@link #put} stored under {@code key} (in this store or, as always, a parent's), or null. */
    static <T> T get(Store store, Object key, Class<T> type) {
        Object value = store.get(key);
        if (value != null && Proxy.isProxyClass(value.getClass())
                && Proxy.getInvocationHandler(value) instanceof Closer closer) {
            value = closer.resource();
        }
        return type.cast(value);
    }

    private static Optional<Class<?>> closeableResource() {
        try {
            return Optional.of(Class.forName(Store.class.getName() + "$CloseableResource", false,
                    Store.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Both interfaces have one method, {@code close()}; it closes the resource. */
    private record Closer(AutoCloseable resource) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
            switch (method.getName()) {
                case "close":
                    resource.close();
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return resource.toString();
                default:
                    throw new UnsupportedOperationException(method.toString());
            }
        }
    }
}
