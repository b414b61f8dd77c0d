/**
 * JMH benchmarks, one class per kernel, fixed seeds; run with
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar}.
 */
package org.convlab.bench;
