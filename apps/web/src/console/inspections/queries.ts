import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../shared/api';
import { useProjects, useStaff } from '../queries';

/**
 * The data of the inspection pages (issue 15), one TanStack Query hook per list. Every key starts with
 * one of `inspectionKeys`' roots, so a write reloads exactly what it changed: a check its task, the
 * task list and the defects (an abnormal check opens one, a verification closes one). The live stream
 * carries no inspection events: each list is read again whenever it is shown (staleTime 0; the cached
 * rows show meanwhile), and 我的巡检 every minute while open.
 */
const FRESH = { staleTime: 0 } as const;
export const inspectionKeys = {
  points: ['inspection-points'] as const,
  plans: ['patrol-plans'] as const,
  tasks: ['patrol-tasks'] as const,
  task: (id: string) => ['patrol-tasks', 'one', id] as const,
  defects: ['defects'] as const,
  rectifications: ['rectifications'] as const,
  bulletin: ['inspection-bulletin'] as const,
};

export type InspectionPoint = RouteResponse<'GET /api/inspection-points'>['items'][number];
export type PatrolPlan = RouteResponse<'GET /api/patrol-plans'>['items'][number];
export type PatrolTaskRow = RouteResponse<'GET /api/patrol-tasks'>['items'][number];
export type PatrolTask = RouteResponse<'GET /api/patrol-tasks/:id'>;
export type TaskCheck = PatrolTask['checks'][number];
export type ScanResult = RouteResponse<'POST /api/patrol-tasks/:id/scan'>;
export type Defect = RouteResponse<'GET /api/defects'>['items'][number];
export type Rectification = RouteResponse<'GET /api/rectifications'>['items'][number];
export type Bulletin = RouteResponse<'GET /api/inspection-bulletin'>;
export type DefectFilters = Omit<RouteQuery<'GET /api/defects'>, 'limit'>;

export function usePoints(projectId: string) {
  return useQuery({
    queryKey: [...inspectionKeys.points, projectId],
    queryFn: () => api('GET /api/inspection-points', { query: { projectId } }),
    enabled: !!projectId,
    ...FRESH,
  });
}

export function usePlans(projectId: string) {
  return useQuery({
    queryKey: [...inspectionKeys.plans, projectId],
    queryFn: () => api('GET /api/patrol-plans', { query: { projectId } }),
    enabled: !!projectId,
    ...FRESH,
  });
}

/**
 * My tasks already due to be seen: every one still open, and those of a day (today's, ended or not) —
 * two reads, so that a year of ended tasks never crowds out today's (the server's lists are by start).
 */
export function useMyTasks(day: string) {
  const open = useQuery({
    queryKey: [...inspectionKeys.tasks, 'mine', 'open'],
    queryFn: () => api('GET /api/patrol-tasks', { query: { mine: 'true', status: 'open' } }),
    ...FRESH,
    refetchInterval: 60_000,
  });
  const ofDay = useQuery({
    queryKey: [...inspectionKeys.tasks, 'mine', day],
    queryFn: () => api('GET /api/patrol-tasks', { query: { mine: 'true', date: day } }),
    ...FRESH,
    refetchInterval: 60_000,
  });
  return { open, ofDay };
}

/** The tasks of a project on a day (inspection readers). */
export function useProjectTasks(projectId: string, date: string) {
  return useQuery({
    queryKey: [...inspectionKeys.tasks, 'project', projectId, date],
    queryFn: () => api('GET /api/patrol-tasks', { query: { projectId, date } }),
    enabled: !!projectId && !!date,
    ...FRESH,
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: inspectionKeys.task(id), queryFn: () => api('GET /api/patrol-tasks/:id', { params: { id } }), retry: false, ...FRESH });
}

export function useDefects(filters: DefectFilters, enabled = true) {
  return useQuery({
    queryKey: [...inspectionKeys.defects, 'list', filters],
    queryFn: () => api('GET /api/defects', { query: { ...filters, limit: 500 } }),
    enabled,
    ...FRESH,
  });
}

export function useDefect(id: string | null) {
  return useQuery({
    queryKey: [...inspectionKeys.defects, 'one', id],
    queryFn: () => api('GET /api/defects/:id', { params: { id: id! } }),
    enabled: !!id,
    retry: false,
    ...FRESH,
  });
}

export function useRectifications(projectId: string) {
  return useQuery({
    queryKey: [...inspectionKeys.rectifications, projectId],
    queryFn: () => api('GET /api/rectifications', { query: projectId ? { projectId } : {} }),
    enabled: !!projectId,
    ...FRESH,
  });
}

export function useBulletin(month: string, projectId: string) {
  return useQuery({
    queryKey: [...inspectionKeys.bulletin, month, projectId],
    queryFn: () => api('GET /api/inspection-bulletin', { query: { month, ...(projectId ? { projectId } : {}) } }),
    ...FRESH,
  });
}

/** Staff names by id (of one project, or of every project in scope). */
export function useStaffNames(projectId: string | undefined) {
  const staff = useStaff(projectId || undefined).data;
  return useMemo(() => new Map((staff ?? []).map((s) => [s.id, s.name])), [staff]);
}

/** The project's time zone (times on its wall clock), Asia/Shanghai until the projects are loaded. */
export function useProjectZone(projectId: string | undefined): string {
  const projects = useProjects().data;
  return projects?.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai';
}

/** Each project's time zone, for rows of several projects. */
export function useZones(): (projectId: string) => string {
  const projects = useProjects().data;
  return useMemo(() => {
    const zones = new Map((projects ?? []).map((p) => [p.id, p.timeZone]));
    return (projectId: string) => zones.get(projectId) ?? 'Asia/Shanghai';
  }, [projects]);
}
