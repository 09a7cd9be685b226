package io.jotter.pool.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A request named a runtime type this installation does not offer. */
public class UnknownRuntimeTypeException extends RuntimeException {
    public UnknownRuntimeTypeException(String name, List<RuntimeType> offered) {
        super("there is no runtime type named " + name + "; this server offers "
                + offered.stream().map(RuntimeType::name).collect(Collectors.joining(", ")));
    }
}
