#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace veer {

/** SplitMix64 step: derives well-mixed sub-seeds from one seed. */
inline std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/**
 * Seeded random source for the synthetic generator. Only the std::mt19937_64 engine is used (its
 * output sequence is fixed by the standard); every distribution is implemented here, so the same
 * seed gives the same numbers with any standard library. Not thread-safe; one per generation.
 */
class SynthRandom
{
public:
    explicit SynthRandom(std::uint64_t seed) : mEngine(splitMix64(seed)) {}

    std::uint64_t next() { return mEngine(); }

    /** Uniform in [0, 1), 53 bits. */
    double uniform() { return double(mEngine() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    /** Uniform integer in [lo, hi] (inclusive). */
    int uniformInt(int lo, int hi)
    {
        if (hi <= lo)
            return lo;
        const std::uint64_t span = std::uint64_t(std::int64_t(hi) - lo) + 1;
        return int(lo + std::int64_t(mEngine() % span));
    }

    bool chance(double p) { return uniform() < p; }

    /** Standard normal (Box-Muller, one value per call). */
    double normal()
    {
        double u1 = uniform();
        while (u1 <= 1e-300)
            u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    double normal(double mean, double sigma) { return mean + sigma * normal(); }

    /** Log-uniform in [lo, hi], lo > 0. */
    double logUniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }

    /** Exponential with the given mean. */
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

    /** Index drawn with the given non-negative weights. */
    int weighted(const std::vector<double> &weights)
    {
        double total = 0.0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (int i = 0; i < int(weights.size()); ++i) {
            x -= weights[i];
            if (x < 0.0)
                return i;
        }
        return int(weights.size()) - 1;
    }

    template<typename T>
    const T &pick(const std::vector<T> &items) { return items[uniformInt(0, int(items.size()) - 1)]; }

    /** Independent child stream, e.g. one per stage, so stages do not shift each other's numbers. */
    SynthRandom fork(std::uint64_t salt) { return SynthRandom(mEngine() ^ splitMix64(salt)); }

private:
    std::mt19937_64 mEngine;
};

} // namespace veer
