// A main() for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once per
// file (directories: every file in them, sorted; names starting with '.' skipped), so
// that the seed corpus and the regression inputs are tests in every build (ctest:
// fuzz.replay_*, tests/reliability.cmake). A broken invariant traps, which fails the test.
//
//   fuzz_replay_TARGET PATH... [--with-prefixes PATH...]
// After --with-prefixes each file is run behind each of the prefixes the evaluate
// target's seeds get in tests/fuzz/run (a day offset and a policy choice).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  // The same as tests/fuzz/run: 2023-06-30, 2023-12-31, 2025-01-01, 9899-12-31.
  const std::vector<std::string> prefixes = {{"\xb4\x00\x00", 3}, {"\x6c\x01\x01", 3},
                                             {"\xdb\x02\x02", 3}, {"\xff\x7f\x03", 3}};
  bool with_prefixes = false;
  std::size_t runs = 0;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--with-prefixes") {
      with_prefixes = true;
      continue;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(arg)) {
      for (const auto& e : fs::directory_iterator(arg))
        if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
      std::sort(files.begin(), files.end());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "no such file or directory: %s\n", arg.c_str());
      return 2;
    }
    for (const fs::path& f : files) {
      std::ifstream in(f, std::ios::binary);
      const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      auto run = [&](const std::string& input) {
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        ++runs;
      };
      if (with_prefixes)
        for (const std::string& p : prefixes) run(p + data);
      else
        run(data);
    }
  }
  std::printf("%zu inputs run, no invariant broken\n", runs);
  return runs > 0 ? 0 : 1;
}
