// JSON text pieces shared by the JSON Lines reader and writer.
#pragma once

#include <string>
#include <string_view>

namespace xf {

// Appends `s` as a JSON string literal: quotes, backslash escapes for '"', '\\' and control
// characters (\u00XX for the ones without a short form). `s` must be valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

// Appends a finite double in its shortest round-trip form, always with a '.' or an exponent so
// that a reader sees a float ("1.0", not "1"). Callers write non-finite values as null.
void AppendJsonDouble(double d, std::string* out);

}  // namespace xf
