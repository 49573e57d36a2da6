/** JMH micro-benchmarks and the load benchmark (issue: performance). */
package dev.tollgate.bench;
