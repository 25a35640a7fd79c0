package dev.runbooks.language.model;

/**
 * A declared input of a runbook. The default is a plain JSON-like value (String, Long, Double,
 * Boolean, List, Map) or null when there is none.
 */
public record InputSpec(
    String name,
    InputType type,
    boolean required,
    Object defaultValue,
    String description,
    Location location) {}
