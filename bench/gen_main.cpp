// tiaodu-gen — writes a synthetic snapshot (bench/generator.hpp) as tiaodu/1 JSON.
//
//   tiaodu-gen --orgs 50 --seed 1 > town.json
//   tiaodu-gen --orgs 100000 --seed 7 --lean --threads 2 -o county.json
//
// Exit 0 on success, 2 on a usage error (one line on stderr), 1 when writing fails.
#include "generator.hpp"

#include "tiaodu/json.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

int main(int argc, char** argv) {
  tiaodu::bench::GeneratorOptions o;
  std::string out;
  bool lean = false;
  CLI::App app{"Writes a synthetic tiaodu/1 snapshot: towns of 20-80 organizations and a year "
               "of dispatches, rectifications, look-backs and ledgers. Deterministic by seed."};
  app.add_option("--orgs", o.orgs, "organizations in all, the root included")
      ->required()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}));
  app.add_option("--seed", o.seed, "seed (the same seed gives the same bytes)")->required();
  app.add_option("--year", o.year, "the year of the dispatches")->check(CLI::Range(1500, 9800));
  app.add_option("--threads", o.threads, "threads that build towns (0: all); no effect on the output");
  app.add_flag("--lean", lean, "leave out the free text the rules never read (notes, situation, opinion)");
  app.add_option("-o,--out", out, "write here instead of standard output");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "tiaodu-gen: " << e.what() << " (try --help)\n";
    return 2;
  }
  o.free_text = !lean;
  try {
    const std::string json = tiaodu::to_json(tiaodu::bench::generate(o));
    if (out.empty()) {
      std::cout.write(json.data(), static_cast<std::streamsize>(json.size()));
      std::cout.flush();
      if (!std::cout) throw std::runtime_error("cannot write to standard output");
    } else {
      std::ofstream file(out, std::ios::binary);
      file.write(json.data(), static_cast<std::streamsize>(json.size()));
      file.close();
      if (!file) throw std::runtime_error("cannot write " + out);
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "tiaodu-gen: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tiaodu-gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
