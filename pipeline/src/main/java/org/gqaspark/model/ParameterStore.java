package org.gqaspark.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.model.compute.Compute;

/**
 * The parameters of a model keyed by their Hugging Face state-dict names, each with its
 * gradient, in the layout's order. Checkpoint readers and writers exchange values with it
 * as float arrays through {@link #values} and {@link #setValues}; layers hold the
 * {@link Parameter}s directly.
 */
public final class ParameterStore {

  private final Compute compute;
  private final Map<String, Parameter> byName;

  private ParameterStore(Compute compute, Map<String, Parameter> byName) {
    this.compute = compute;
    this.byName = byName;
  }

  /** Allocates zero values and gradients for every spec, on {@code compute}. */
  public static ParameterStore allocate(List<ParameterSpec> specs, Compute compute) {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      Parameter parameter = new Parameter(spec, compute.zeros(spec.shape()),
          compute.zeros(spec.shape()));
      if (byName.put(spec.name(), parameter) != null) {
        throw ModelErrors.duplicateParameter(spec.name());
      }
    }
    return new ParameterStore(compute, Collections.unmodifiableMap(byName));
  }

  /** Allocates the parameters of a T5 model with this config (values all zero). */
  public static ParameterStore forModel(T5Config config, Compute compute) {
    return allocate(T5ParameterLayout.of(config), compute);
  }

  public Compute compute() {
    return compute;
  }

  /**
   * Returns the parameter of that name.
   *
   * @throws IllegalArgumentException when the model has no such parameter
   */
  public Parameter get(String name) {
    Parameter parameter = byName.get(name);
    if (parameter == null) {
      throw ModelErrors.unknownParameter(name, byName.keySet());
    }
    return parameter;
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** Returns all parameters in layout order. */
  public List<Parameter> parameters() {
    return new ArrayList<>(byName.values());
  }

  public List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  /** Total number of trainable values. */
  public long parameterCount() {
    long count = 0;
    for (Parameter parameter : byName.values()) {
      count += parameter.value().size();
    }
    return count;
  }

  /** Returns a copy of one parameter's values, row-major. */
  public float[] values(String name) {
    return compute.toFloats(get(name).value());
  }

  /**
   * Replaces one parameter's values.
   *
   * @throws IllegalArgumentException when {@code values} does not have the parameter's size
   */
  public void setValues(String name, float[] values) {
    Parameter parameter = get(name);
    if (values.length != parameter.value().size()) {
      throw ModelErrors.parameterSizeMismatch(parameter.spec(), values.length);
    }
    compute.copyFromFloats(values, parameter.value());
  }

  /** Returns a copy of one parameter's accumulated gradient. */
  public float[] gradients(String name) {
    return compute.toFloats(get(name).gradient());
  }

  /** Sets every gradient to zero; call before each step's backward passes. */
  public void zeroGradients() {
    for (Parameter parameter : byName.values()) {
      compute.fill(parameter.gradient(), 0f);
    }
  }
}
