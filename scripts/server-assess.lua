-- wrk script for scripts/bench-server: GET /api/v1/assess rotating over 24 pairs and 60 months (2019-01 … 2023-12).
local pairs = {
  "RUS&b=PRK", "USA&b=JPN", "CHN&b=RUS", "IND&b=PAK", "USA&b=IRN", "FRA&b=DEU", "KOR&b=PRK", "USA&b=CHN",
  "RUS&b=UKR", "TUR&b=RUS", "SAU&b=IRN", "USA&b=ISR", "CHN&b=PAK", "JPN&b=KOR", "GBR&b=FRA", "AUS&b=NZL",
  "IND&b=RUS", "BRA&b=ARG", "EGY&b=ISR", "VEN&b=COL", "USA&b=GBR", "CHN&b=JPN", "IRN&b=SYR", "DEU&b=POL",
}
local i = 0
-- Each wrk thread runs this script in its own interpreter: start them at different points.
setup = function(thread)
  thread:set("offset", math.random(0, 10000))
end
request = function()
  i = i + 1
  local k = i + (offset or 0)
  local at = string.format("%d-%02d", 2019 + (k % 5), 1 + (k % 12))
  return wrk.format("GET", "/api/v1/assess?a=" .. pairs[(k % #pairs) + 1] .. "&at=" .. at)
end
-- Count non-2xx answers (wrk reports them too; this names the first status seen).
local first_bad = nil
response = function(status, headers, body)
  if status ~= 200 and first_bad == nil then
    first_bad = status
    io.stderr:write("first non-200 status: " .. status .. "\n")
  end
end
