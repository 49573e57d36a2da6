/**
 * JMH micro-benchmarks of the gateway's per-request hot path, one class per piece: request JSON codec
 * ({@link dev.tollgate.bench.micro.ChatRequestCodecBench}), OpenAI-to-provider transform and back
 * ({@link dev.tollgate.bench.micro.OpenAiTransformBench}), per-chunk stream translation
 * ({@link dev.tollgate.bench.micro.StreamChunkBench}), model routing ({@link dev.tollgate.bench.micro.RouterPickBench})
 * and the current auth check ({@link dev.tollgate.bench.micro.MasterKeyCheckBench}). Inputs are files under
 * {@code bench-fixtures/}. Run: {@code java -jar tollgate-bench/target/tollgate-bench.jar 'dev.tollgate.bench.micro.*'
 * -prof gc}; results and observations are in {@code docs/benchmarks-micro.md}.
 */
package dev.tollgate.bench.micro;
