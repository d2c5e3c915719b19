// tests/support/files.hpp — what several test files need from the file system.
#pragma once

#include "tiaodu/errors.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tiaodu::testing {

// The whole file, bytes as they are.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "code pointer" of each error, sorted: the form of the .expected files.
inline std::vector<std::string> codes(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(std::string(to_string(e.code)) + " " + e.path);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tiaodu::testing
